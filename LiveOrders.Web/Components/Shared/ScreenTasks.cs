namespace LiveOrders.Web.Components.Shared;

/// <summary>
/// Runs the work a component starts without waiting for it (a refresh after a live change, a timer's
/// tick, a rotation loop). A discarded task loses its exception; this one awaits it, logs it and tells
/// the screen, which then shows itself as stale instead of pretending to be current.
/// </summary>
public sealed class ScreenTasks(ILogger logger, Func<Exception, Task> onFailed, CancellationToken stopping)
{
    /// <summary>Starts <paramref name="work"/> and returns at once; a failure goes to the log and to the screen.</summary>
    public void Run(string what, Func<Task> work) => _ = RunAsync(what, work);

    /// <summary>The same, awaited (a first load): never throws.</summary>
    public async Task RunAsync(string what, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The screen was closed while the work ran: nothing is left to tell.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Screen work failed: {What}", what);
            try
            {
                await onFailed(ex);
            }
            catch (Exception reporting) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(reporting, "Could not show that {What} failed", what);
            }
            catch (Exception)
            {
                // Closed meanwhile.
            }
        }
    }
}
