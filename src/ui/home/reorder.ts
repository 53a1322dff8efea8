// Moving one token within the user's order: by a number of places (keyboard) or to the place a
// dragged card was dropped (pointer). Pure list arithmetic; the vault stores the result.

/** `ids` with `id` moved to `to` (clamped), or undefined when nothing moves. */
export function moveTo(ids: readonly string[], id: string, to: number): string[] | undefined {
  const from = ids.indexOf(id);
  if (from < 0) return undefined;
  const target = Math.max(0, Math.min(ids.length - 1, to));
  if (target === from) return undefined;
  const next = ids.filter((x) => x !== id);
  next.splice(target, 0, id);
  return next;
}

/**
 * Where a dragged card lands: the number of other cards whose middle is above the dragged
 * card's middle. `middles` are the cards' vertical centres in list order, before the drag.
 */
export function dropIndex(middles: readonly number[], from: number, draggedMiddle: number): number {
  let index = 0;
  middles.forEach((middle, i) => {
    if (i !== from && middle < draggedMiddle) index++;
  });
  return index;
}
