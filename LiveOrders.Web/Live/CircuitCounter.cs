using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveOrders.Web.Live;

/// <summary>Counts the circuits that are open now, to see that closed boards are released.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
