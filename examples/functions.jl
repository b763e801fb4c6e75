# Julia: one-line and block definitions, 1-based indexing, juxtaposition.
booth(x) = (x[1] + 2x[2] - 7)^2 + (2x[1] + x[2] - 5)^2

function rosen(x)
    a = 1 - x[1]
    b = x[2] - x[1]^2
    return a^2 + 100b^2
end

ackley2(x, y) = -20exp(-0.2sqrt(0.5(x^2 + y^2))) - exp(0.5(cos(2pi*x) + cos(2pi*y))) + 20 + ℯ
