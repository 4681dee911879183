import { mount } from 'svelte';
import './ui/theme.css';
import App from './ui/App.svelte';
import { AppState } from './state/app.svelte.ts';
import { openCandidateStore, requestPersistentStorage } from './storage/index.ts';

// Storage is opened before anything renders, so no screen can ever show (or save)
// an empty attempt while the stored one is still loading.
const { store, problem } = await openCandidateStore();
if (store.persistent) void requestPersistentStorage();

const state = new AppState({ store, storageProblem: problem, appVersion: __APP_VERSION__ });
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { state } });
