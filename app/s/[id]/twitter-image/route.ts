// The same image as the Open Graph preview, at the URL twitter:image names.
export { GET, OPTIONS, POST, PUT, PATCH, DELETE } from '../opengraph-image/route';
