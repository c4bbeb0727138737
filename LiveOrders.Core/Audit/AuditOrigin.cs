namespace LiveOrders.Core.Audit;

/// <summary>
/// Where the work running now came from: the client's address, set by the web layer for each request and for each
/// activity of a Blazor circuit, and read by the save that writes audit entries, so no use case passes it along.
/// Background work (the deadline watcher, recurring orders) runs without one: the system, no address.
/// </summary>
public static class AuditOrigin
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Address => Current.Value;

    /// <summary>Sets the address for the work that follows in this async flow; disposing puts back the previous one.</summary>
    public static IDisposable Use(string? address)
    {
        var previous = Current.Value;
        Current.Value = address;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
