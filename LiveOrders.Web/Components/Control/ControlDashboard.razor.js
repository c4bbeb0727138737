// Says plainly when the screen is cut off from the server. Blazor switches #components-reconnect-modal
// through its states and tells each one with a `components-reconnect-state-changed` event; any state but
// "hide" means no render reaches this page, so whatever it shows may be old. The page is marked with
// data-connection="lost" on <html> (styles there hide the green status and show «нет связи с …»), and the
// time it was lost is written into every [data-lost-at]. When the same circuit comes back, the server
// refreshes the figures first; only if that succeeds does the mark go (a new circuit reloads the page).
let watched = null;

const pad = n => String(n).padStart(2, '0');

export function watchConnection(dotnet, offsetMinutes) {
    unwatchConnection();
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) return;
    const root = document.documentElement;
    let lostAt = null;
    let down = false;

    const markLost = () => {
        down = true;
        // Written every time, not only at the first loss: a render between two losses (the same circuit came back
        // for a moment, then went again) replaces the spans, and the new ones would say «нет связи с» and no time.
        if (lostAt === null) lostAt = Date.now();
        // The municipality's time, as everywhere else on the screen, whatever zone the browser is set to.
        const local = new Date(lostAt + offsetMinutes * 60000);
        const text = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
        document.querySelectorAll('[data-lost-at]').forEach(e => e.textContent = text);
        root.dataset.connection = 'lost';
    };

    const restored = async () => {
        down = false;
        if (lostAt === null) return;
        const since = lostAt;
        let current = false;
        try {
            current = await dotnet.invokeMethodAsync('ConnectionRestoredAsync', since);
        } catch {
            current = false;
        }
        // The server now shows the stale state itself (it was told since when), or green if it refreshed.
        if (!down) {
            lostAt = null;
            delete root.dataset.connection;
        }
        return current;
    };

    const onState = event => {
        const state = event.detail?.state;
        if (state === 'hide') restored();
        else if (state) markLost();
    };
    // The class names are a second signal, for a state change that came before this module was loaded.
    const fromClasses = () => {
        const isDown = ['components-reconnect-show', 'components-reconnect-retrying', 'components-reconnect-paused',
            'components-reconnect-failed', 'components-reconnect-rejected', 'components-reconnect-resume-failed']
            .some(c => modal.classList.contains(c));
        if (isDown) markLost();
    };
    const observer = new MutationObserver(fromClasses);
    observer.observe(modal, { attributes: true, attributeFilter: ['class'] });
    modal.addEventListener('components-reconnect-state-changed', onState);
    fromClasses();
    watched = { modal, onState, observer };
}

export function unwatchConnection() {
    if (!watched) return;
    watched.modal.removeEventListener('components-reconnect-state-changed', watched.onState);
    watched.observer.disconnect();
    watched = null;
}
