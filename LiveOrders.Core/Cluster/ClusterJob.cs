using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Cluster;

/// <summary>
/// Runs a background job on the one node that holds its lease (<see cref="IClusterLock"/>), in place of registering the
/// job as a hosted service itself. Once this node holds the lease the job starts afresh (<c>StartAsync</c> with a token
/// that the lease's loss cancels); the moment the lease is lost its loop is cancelled and waited for, and this node tries
/// for the lease again. A job that ends by itself (switched off in the settings) gives the lease up and is not restarted
/// here. A job that fails stops this node's host, as a failing hosted service always did.
/// <para>
/// A lease is not a fence: at a takeover both nodes may run the job for a moment (see <see cref="PostgresClusterLock"/>),
/// and a node may die between doing something outside the database and writing it down. So each job also claims its
/// work in the database with a condition a second writer cannot meet: the deadline watcher's stamps
/// (<see cref="Deadlines.DeadlineWatcher"/>), the outbox's letters (<see cref="Mail.OutboxSender"/>) and recurring
/// occurrences (a unique index, <see cref="Templates.RecurringOrderIssuer"/>). What remains is at-least-once where the
/// outside world is involved: a letter the SMTP server took just before its sender died is sent again once its claim
/// expires; a webhook delivery may be posted twice under the same id, which receivers already treat as the
/// idempotency key (<see cref="Webhooks.WebhookSender"/>).
/// </para>
/// </summary>
public sealed class ClusterJob<TJob>(TJob job, IClusterLock cluster, ILogger<ClusterJob<TJob>> logger) : BackgroundService
    where TJob : BackgroundService
{
    /// <summary>The lease's name: the job's type name, the same on every node.</summary>
    public static string Name { get; } = typeof(TJob).Name;

    /// <summary>How many times this node started the job (a test's window on takeovers).</summary>
    public int Starts => _starts;
    private int _starts;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ClusterLease lease;
            try
            {
                lease = await cluster.AcquireAsync(Name, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await using (lease)
            {
                if (!await RunWhileHeldAsync(lease, stoppingToken)) return;
            }
        }
    }

    /// <summary>Runs the job until it ends, the lease is lost or the host stops; false when the job ended by itself.</summary>
    private async Task<bool> RunWhileHeldAsync(ClusterLease lease, CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
        Interlocked.Increment(ref _starts);
        // BackgroundService links the loop's own token to this one: losing the lease cancels the loop.
        await job.StartAsync(running.Token);
        var execute = job.ExecuteTask ?? Task.CompletedTask;
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (running.Token.Register(() => cancelled.TrySetResult()))
            await Task.WhenAny(execute, cancelled.Task);
        // Cancels the loop (if it still runs) and waits until it has stopped, before the lease is given up.
        await job.StopAsync(CancellationToken.None);
        if (execute.IsFaulted) await execute; // as a failing hosted service: the host learns of it
        if (stoppingToken.IsCancellationRequested) return false;
        if (lease.Lost.IsCancellationRequested)
        {
            logger.LogWarning("{Job} stopped on this node: its lease was lost", Name);
            return true;
        }
        logger.LogInformation("{Job} ended by itself on this node; its lease is given up", Name);
        return false;
    }
}
