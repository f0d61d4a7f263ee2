import cardJson from '@/models/card.json';
import { parseCard } from '@/lib/models/card';

/** models/card.json, checked once per server process; every page that shows model facts reads this. */
export const committedCard = parseCard(cardJson);
