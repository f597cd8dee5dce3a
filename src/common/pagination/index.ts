export { DEFAULT_LIMIT, MAX_LIMIT, PagingQueryDto } from './paging-query.dto.js';
export { paginate, type Page, type PageRequest } from './paginate.js';
