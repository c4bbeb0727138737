using LiveOrders.Core.Cluster;
using LiveOrders.Core.Mail;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveOrders.Web.Health;

/// <summary>
/// The background jobs' leases on this node (<see cref="IClusterLock"/>): which jobs it runs, and whether each lease's
/// connection is alive. A node that holds no lease is healthy (another node runs the jobs); one whose lease connections
/// are down is degraded: it can neither run a job nor take one over, though it still serves pages. The mail sender ends at
/// once when mail is off and gives its lease up; the description says so, lest it look like a job no node runs.
/// </summary>
public sealed class LeaseHealthCheck(IClusterLock cluster, IOptions<MailOptions> mail) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var leases = cluster.Status();
        var held = leases.Where(l => l.Held).Select(l => l.Job).ToList();
        var data = leases.ToDictionary(l => l.Job, object (l) => new Dictionary<string, object?>
        {
            ["held"] = l.Held,
            ["connection"] = l.ConnectionAlive switch { true => "alive", false => "down", null => "none" },
        });
        var down = leases.Where(l => l.ConnectionAlive == false).Select(l => l.Job).ToList();
        var description = held.Count > 0
            ? $"Этот узел выполняет: {string.Join(", ", held.Select(Named))}."
            : "Этот узел не выполняет фоновых заданий: их выполняет другой узел.";
        if (!mail.Value.Enabled) description += " Отправка писем выключена (Mail:Enabled), её задание не запускается.";
        return Task.FromResult(down.Count > 0
            ? HealthCheckResult.Degraded($"{description} Нет связи для аренды: {string.Join(", ", down.Select(Named))}.", data: data)
            : HealthCheckResult.Healthy(description, data));
    }

    /// <summary>A job as an administrator reads it: in Russian, with the lease's name (the key in the data) beside it.</summary>
    private static string Named(string job) => job switch
    {
        "DeadlineWatcher" => "сроки поручений (DeadlineWatcher)",
        "RecurringOrderIssuer" => "повторяющиеся поручения (RecurringOrderIssuer)",
        "OutboxSender" => "отправка писем (OutboxSender)",
        "WebhookSender" => "вебхуки (WebhookSender)",
        _ => job,
    };
}
