namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// Turns a burst of live changes into as few reloads as keep the screen current: while a reload
/// runs, further requests only mark it dirty, and one more reload follows when it ends. No timer,
/// so nothing is delayed and a change that lands during a reload is never lost.
/// Used on the renderer's thread (through <c>InvokeAsync</c>), which serialises the calls.
/// </summary>
public sealed class LiveReload(Func<Task> reload)
{
    private bool _running;
    private bool _pending;

    public bool IsRunning => _running;

    public async Task RequestAsync()
    {
        if (_running)
        {
            _pending = true;
            return;
        }
        _running = true;
        try
        {
            do
            {
                _pending = false;
                await reload();
            }
            while (_pending);
        }
        finally
        {
            _running = false;
        }
    }
}
