% MATLAB / Octave: anonymous functions and function files.
% (VS Code opens .m files as Objective-C: accept the offer to open this one as MATLAB.)
matyas = @(x) 0.26*(x(1).^2 + x(2).^2) - 0.48*x(1).*x(2);

function y = threehump(a, b)
  y = 2*a.^2 - 1.05*a.^4 + a.^6/6 + a.*b + b.^2;
end
