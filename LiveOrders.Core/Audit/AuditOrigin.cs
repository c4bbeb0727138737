namespace LiveOrders.Core.Audit;

/// <summary>
/// Where the work running now came from: the client's address, set by the web layer for each request and for each
/// activity of a Blazor circuit, and read by the save that writes audit entries, so no use case passes it along.
/// Background work (the deadline watcher, recurring orders) runs without one: the system, no address. Background work
/// that acts through a person's use case (a recurring schedule issues its order as the person who set it) says so with
/// <see cref="UseSystem"/>, so that the log shows the system, and why, rather than a person who did nothing then.
/// </summary>
public static class AuditOrigin
{
    private static readonly AsyncLocal<string?> Current = new();
    private static readonly AsyncLocal<string?> SystemWork = new();

    public static string? Address => Current.Value;

    /// <summary>
    /// Set while the system does work on a person's behalf: one line saying what it does it for («По расписанию шаблона …»).
    /// The entries the save writes for order events then name the system as their actor, with this line.
    /// </summary>
    public static string? OnBehalfOf => SystemWork.Value;

    /// <summary>Sets the address for the work that follows in this async flow; disposing puts back the previous one.</summary>
    public static IDisposable Use(string? address)
    {
        var previous = Current.Value;
        Current.Value = address;
        return new Restore(() => Current.Value = previous);
    }

    /// <summary>Marks the work that follows in this async flow as the system's, done for <paramref name="why"/>; disposing ends it.</summary>
    public static IDisposable UseSystem(string why)
    {
        var previous = SystemWork.Value;
        SystemWork.Value = why;
        return new Restore(() => SystemWork.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
