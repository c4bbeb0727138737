using System.Collections.Concurrent;

namespace LiveOrders.Core.Cluster;

/// <summary>
/// SQLite: one node over one file, so every lease is this node's at once and is never lost. Jobs run exactly as they did
/// before there were leases.
/// </summary>
public sealed class SingleNodeLock : IClusterLock
{
    private readonly ConcurrentDictionary<string, LeaseStatus> _status = new(StringComparer.Ordinal);

    public Task<ClusterLease> AcquireAsync(string job, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _status[job] = new LeaseStatus(job, true, null);
        return Task.FromResult(new ClusterLease(job, CancellationToken.None, () =>
        {
            _status[job] = new LeaseStatus(job, false, null);
            return ValueTask.CompletedTask;
        }));
    }

    public IReadOnlyList<LeaseStatus> Status() => [.. _status.Values.OrderBy(s => s.Job, StringComparer.Ordinal)];
}
