/** Where a key moves the focus in a square grid of `side × side` cells, row-major; null for other keys. */
export function moveFocus(index: number, key: string, side: number, toCorner = false): number | null {
  const row = Math.floor(index / side);
  const col = index % side;
  const at = (r: number, c: number) => Math.min(side - 1, Math.max(0, r)) * side + Math.min(side - 1, Math.max(0, c));
  switch (key) {
    case 'ArrowLeft':
      return at(row, col - 1);
    case 'ArrowRight':
      return at(row, col + 1);
    case 'ArrowUp':
      return at(row - 1, col);
    case 'ArrowDown':
      return at(row + 1, col);
    // Home/End move within the row; with Ctrl (toCorner) to the first/last cell, as in the ARIA grid pattern.
    case 'Home':
      return toCorner ? 0 : at(row, 0);
    case 'End':
      return toCorner ? side * side - 1 : at(row, side - 1);
    case 'PageUp':
      return at(0, col);
    case 'PageDown':
      return at(side - 1, col);
    default:
      return null;
  }
}
