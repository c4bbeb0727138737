// Starts Blazor with patient reconnection. The Russian status lives in #components-reconnect-modal,
// whose classes Blazor switches. When retries run out, or the server no longer knows the circuit
// (it restarted), the page reloads itself as soon as the server answers: nobody has to touch it.
(() => {
    const modal = document.getElementById('components-reconnect-modal');
    let reloading = false;
    const reloadWhenServerAnswers = async () => {
        if (reloading) return;
        reloading = true;
        for (;;) {
            try {
                const response = await fetch('/health', { cache: 'no-store' });
                if (response.ok) { location.reload(); return; }
            } catch { /* still down */ }
            await new Promise(r => setTimeout(r, 2000));
        }
    };
    new MutationObserver(() => {
        if (['components-reconnect-failed', 'components-reconnect-rejected', 'components-reconnect-resume-failed']
            .some(c => modal.classList.contains(c)))
            reloadWhenServerAnswers();
    }).observe(modal, { attributes: true, attributeFilter: ['class'] });

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 60,
                retryIntervalMilliseconds: attempt => Math.min(500 * (attempt + 1), 3000),
            },
        },
    }).catch(reloadWhenServerAnswers);
})();
