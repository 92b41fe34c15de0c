// Lighthouse's desktop preset, waiting longer for the page to settle (benchmarks/lighthouse.py).
// A Streamlit page keeps fetching code and data over its websocket after the load event; with
// the default 1 s quiet windows Lighthouse can stop before the map has arrived.
import desktop from 'lighthouse/core/config/desktop-config.js';
import {settle} from './settle.mjs';

export default {...desktop, settings: {...desktop.settings, ...settle}};
