import { checkFormat, parseWithSchema } from '../validation.ts';
import { REVIEWS_FORMAT, ReviewsSchema, type Reviews } from './schema.ts';

export function validateReviews(document: unknown): Reviews {
  checkFormat(document, REVIEWS_FORMAT, 'reviews file');
  return parseWithSchema(ReviewsSchema, document, 'reviews file');
}
