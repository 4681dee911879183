/** Terminal colours, only on a TTY and never with NO_COLOR. */
const on = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const wrap = (code: string) => (text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

export const paint = {
  green: wrap('32'),
  red: wrap('31'),
  yellow: wrap('33'),
  dim: wrap('2'),
};
