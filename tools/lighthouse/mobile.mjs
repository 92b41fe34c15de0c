// Lighthouse's default (mobile) profile, waiting longer for the page to settle (see desktop.mjs).
import {settle} from './settle.mjs';

export default {extends: 'lighthouse:default', settings: {...settle}};
