// Origins are fixed from the first release: IndexedDB belongs to the page's origin, and a changed
// origin would present the user with an empty database.

export const APP_SCHEME = 'app';
export const APP_HOST = 'pingcha';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must equal DEV_PORT in vite.config.ts (a unit test checks it). */
export const DEV_SERVER_PORT = 5183;
export const DEV_SERVER_ORIGIN = `http://127.0.0.1:${DEV_SERVER_PORT}`;
export const DEV_SERVER_URL = `${DEV_SERVER_ORIGIN}/`;

export const APP_TITLE = '评查台';
