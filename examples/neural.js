// A two-unit tanh layer with fixed weights, as plain JavaScript.
function layer(x) {
  const a = Math.tanh(0.5 * x[0] - 1.2 * x[1] + 0.3);
  const b = Math.tanh(-0.8 * x[0] + 0.4 * x[1]);
  return 1.5 * a - 0.7 * b + 0.01 * (x[0] ** 2 + x[1] ** 2);
}

const relu2 = (x, y) => Math.max(x, 0) ** 2 + Math.max(y, 0) ** 2 - x * y;

module.exports = { layer, relu2 };
