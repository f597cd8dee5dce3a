export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  has_more: boolean;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** One page of `items` with the spec's paging fields (`total`, `limit`, `offset`, `has_more`). */
export function paginate<T>(items: readonly T[], { limit, offset }: PageRequest): Page<T> {
  const page = items.slice(offset, offset + limit);
  return {
    items: page,
    total: items.length,
    limit,
    offset,
    has_more: offset + page.length < items.length,
  };
}
