namespace LiveOrders.Core.Cluster;

/// <summary>
/// "This node holds job X's lease": at most one node of a cluster runs a given background job at a time
/// (<see cref="ClusterJob{TJob}"/>). Chosen by <c>Database:Provider</c>: on PostgreSQL a session-level advisory lock
/// (<see cref="PostgresClusterLock"/>), on SQLite — one node by nature — a lease that is always held
/// (<see cref="SingleNodeLock"/>).
/// </summary>
public interface IClusterLock
{
    /// <summary>
    /// Waits until this node holds <paramref name="job"/>'s lease. The lease's <see cref="ClusterLease.Lost"/> is cancelled
    /// the moment this node can no longer be sure it holds it; disposing the lease gives it up for another node.
    /// </summary>
    Task<ClusterLease> AcquireAsync(string job, CancellationToken ct);

    /// <summary>Each job this node has asked for, as it stands now (for <c>/health</c>).</summary>
    IReadOnlyList<LeaseStatus> Status();
}

/// <summary>
/// One job's lease on this node: whether the node holds it, and whether the connection that holds (or tries for) it is
/// alive (null where no connection is needed: a single node).
/// </summary>
public sealed record LeaseStatus(string Job, bool Held, bool? ConnectionAlive);
