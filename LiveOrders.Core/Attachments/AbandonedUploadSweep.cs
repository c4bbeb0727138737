using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Attachments;

/// <summary>
/// At start-up, deletes what uploads cut off by a killed process left in the store's <c>tmp/</c> folder
/// (<see cref="AttachmentStore.DeleteAbandonedUploads"/>), once they are older than <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class AbandonedUploadSweep(AttachmentStore store, ILogger<AbandonedUploadSweep> logger) : IHostedService
{
    /// <summary>No upload runs this long; a younger file may be another node's upload in progress on shared storage.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The file system's clock, not the app's: the files' times were written by it.
        var deleted = store.DeleteAbandonedUploads(DateTime.UtcNow - AbandonedAfter);
        if (deleted > 0) logger.LogInformation("Deleted {Count} abandoned upload(s) from {Folder}.", deleted, Path.Combine(store.Root, "tmp"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
