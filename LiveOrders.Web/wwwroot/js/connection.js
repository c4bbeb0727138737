// Says plainly when the page is cut off from the server. Loaded with the page, before Blazor starts, so that a
// loss is marked even when it comes before any component could ask for it: a wall whose server died a moment
// after it opened must not stay green. (It was a module the control panel imported after its first render; when
// the server went down first, the module never loaded and the wall said «нет связи с» with no time, hidden.)
//
// Blazor switches #components-reconnect-modal through its states and tells each one with a
// `components-reconnect-state-changed` event; any state but "hide" means no render reaches this page, so whatever
// it shows may be old. The page is marked with data-connection="lost" on <html> (styles there hide the green status
// and show «нет связи с …»), and the time it was lost is written into every [data-lost-at], in the zone its
// data-offset-minutes gives. When the same circuit comes back, a screen that can tell whether its figures are
// current again (the control panel, through watch) is asked first, and only if it succeeds does the mark go;
// with no such screen it goes at once. A new circuit reloads the page (reconnect.js).
window.loConnection = (() => {
    const root = document.documentElement;
    const modal = document.getElementById('components-reconnect-modal');
    const pad = n => String(n).padStart(2, '0');
    let lostAt = null;
    let down = false;
    let watcher = null;

    // Written at every loss and every watch, not once: a render replaces the spans, and new ones start empty.
    const writeTimes = () => {
        if (lostAt === null) return;
        document.querySelectorAll('[data-lost-at]').forEach(e => {
            // The municipality's time, as everywhere else on the screen, whatever zone the browser is set to.
            const local = new Date(lostAt + Number(e.dataset.offsetMinutes ?? 0) * 60000);
            e.textContent = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
        });
    };

    const markLost = () => {
        down = true;
        if (lostAt === null) lostAt = Date.now();
        writeTimes();
        root.dataset.connection = 'lost';
    };

    const restored = async () => {
        down = false;
        if (lostAt === null) return;
        if (watcher) {
            try {
                await watcher.dotnet.invokeMethodAsync('ConnectionRestoredAsync', lostAt);
            } catch {
                // The server now shows the stale state itself, or the page reloads with a new circuit.
            }
        }
        if (!down) {
            lostAt = null;
            delete root.dataset.connection;
        }
    };

    if (modal) {
        modal.addEventListener('components-reconnect-state-changed', event => {
            const state = event.detail?.state;
            if (state === 'hide') restored();
            else if (state) markLost();
        });
        // The class names are a second signal, in case an event is missed.
        new MutationObserver(() => {
            if (['components-reconnect-show', 'components-reconnect-retrying', 'components-reconnect-paused',
                'components-reconnect-failed', 'components-reconnect-rejected', 'components-reconnect-resume-failed']
                .some(c => modal.classList.contains(c)))
                markLost();
        }).observe(modal, { attributes: true, attributeFilter: ['class'] });
    }

    return {
        // One screen at a time is asked; the id keeps a disposed screen from unregistering its successor.
        watch(dotnet, id) {
            watcher = { dotnet, id };
            writeTimes();
        },
        unwatch(id) {
            if (watcher?.id === id) watcher = null;
        },
    };
})();
