/** File names of a trained model directory (models/<id>/…) and of the card beside them. tfjs-free. */

/** The tfjs layers topology + weights manifest. */
export const MODEL_JSON_FILE = 'model.json';
/** The single weights file written next to model.json. */
export const WEIGHTS_FILE = 'weights.bin';
/** models/card.json: every model's measured facts. */
export const CARD_FILE = 'card.json';
