/** The media fandoms are grouped under, in the order the fandom index shows them. */
export const MEDIA = [
  'TV Shows',
  'Books & Literature',
  'Anime & Manga',
  'Movies',
  'Video Games',
  'Comics',
  'Music & Bands',
  'Theater',
  'Other Media',
] as const;
export type Media = (typeof MEDIA)[number];
