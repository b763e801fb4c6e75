"""Classic optimisation test functions. Hover a name, or run
"Gradient Norm: Show Derivation" with the cursor inside one."""
import numpy as np


def himmelblau(x, y):
    """Four minima of value 0, e.g. at (3, 2)."""
    return (x**2 + y - 11)**2 + (x + y**2 - 7)**2


def beale(x, y):
    return (1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2


def rosenbrock(x):
    return (1 - x[0])**2 + 100 * (x[1] - x[0]**2)**2


def logsumexp(x):
    # The gradient of the L1 norm of its gradient is exactly 0: the softmax sums to 1.
    return np.log(np.exp(x[0]) + np.exp(x[1]) + np.exp(x[2]))


def huberish(w):
    # Kinks: |w0 - 1| and max(w1, 0). The side panel lists where the result is a subgradient.
    r = w[0] - 1
    return np.abs(r) + np.maximum(w[1], 0)**2 + 0.5 * w[0] * w[1]


loss = lambda a, b: np.tanh(a * b - 1)**2 + 0.1 * (a**2 + b**2)


def layer(x):
    # Four tanh units over six inputs. Each unit recurs in every derivative: the side
    # panel names them once (u1 = tanh(...)) under Shorthands and writes the rest with them.
    h1 = np.tanh(0.5*x[0] - x[1] + 0.25*x[2] + x[3] - 0.5*x[4] + 0.1*x[5])
    h2 = np.tanh(-x[0] + 0.5*x[1] + x[2] - 0.25*x[3] + 0.2*x[4] - x[5])
    h3 = np.tanh(0.3*x[0] + 0.3*x[1] - x[2] + 0.5*x[3] + x[4] + 0.5*x[5])
    h4 = np.tanh(x[0] - 0.2*x[1] - 0.5*x[2] - x[3] + 0.4*x[4] + 0.3*x[5])
    return 1.5*h1 - 0.8*h2 + 0.6*h3 + h4
