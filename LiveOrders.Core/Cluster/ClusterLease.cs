namespace LiveOrders.Core.Cluster;

/// <summary>A lease this node holds (<see cref="IClusterLock.AcquireAsync"/>). Disposing it gives it up.</summary>
public sealed class ClusterLease : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;
    private int _released;

    internal ClusterLease(string job, CancellationToken lost, Func<ValueTask> release)
    {
        Job = job;
        Lost = lost;
        _release = release;
    }

    public string Job { get; }

    /// <summary>Cancelled when the lease is lost (its connection broke) or given up: whatever runs under it must stop.</summary>
    public CancellationToken Lost { get; }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? _release() : ValueTask.CompletedTask;
}
