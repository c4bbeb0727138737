using System.Diagnostics;
using System.Net.Http.Json;
using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Support;

/// <summary>
/// Writes through the API at a steady rate, each one carrying a text of its own («Прочность r3 #41»), and remembers which
/// got a 2xx answer. Every fifth write creates an order (the text is its title), the others comment on one of the
/// <c>commentOn</c> orders. Plain code, no xunit: the durability test uses it, and <c>bench/durability</c> links this file.
/// </summary>
public sealed class ApiWriteLoad(HttpClient client, int departmentId, IReadOnlyList<int> commentOn)
{
    public sealed record Write(string Text, bool IsOrder)
    {
        /// <summary>The status of the answer, or null: no answer (the process died, the connection broke).</summary>
        public int? Status { get; set; }
        public bool Acknowledged => Status is >= 200 and < 300;
    }

    private int _acknowledged;
    /// <summary>Writes answered 2xx so far, all rounds together (to kill once some are in, not after a fixed time).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public static string TextOf(string round, int n) => $"Прочность {round} #{n}";

    /// <summary>
    /// Sends <paramref name="perSecond"/> writes a second, without waiting for answers, until <paramref name="stop"/> is
    /// cancelled; then waits for every request sent to end one way or the other.
    /// </summary>
    public async Task<IReadOnlyList<Write>> RunAsync(string round, int perSecond, CancellationToken stop)
    {
        var writes = new List<Write>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / perSecond);
            if (due > clock.Elapsed)
            {
                try { await Task.Delay(due - clock.Elapsed, stop); }
                catch (OperationCanceledException) { break; }
            }
            var write = new Write(TextOf(round, n), n % 5 == 0);
            writes.Add(write);
            inFlight.Add(SendAsync(write, n));
        }
        await Task.WhenAll(inFlight);
        return writes;
    }

    private async Task SendAsync(Write write, int n)
    {
        try
        {
            using var response = write.IsOrder
                ? await client.PostAsJsonAsync("/api/v1/orders", new
                {
                    title = write.Text, departmentIds = new[] { departmentId }, priority = "Normal", dueAt = DateTimeOffset.UtcNow.AddDays(5),
                })
                : await client.PostAsJsonAsync($"/api/v1/orders/{commentOn[n % commentOn.Count]}/comments", new { text = write.Text });
            // The body too: a 2xx status that arrived is an answer the client saw, whatever became of the rest.
            write.Status = (int)response.StatusCode;
            if (write.Acknowledged) Interlocked.Increment(ref _acknowledged);
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
        catch (IOException) { }
    }

    /// <summary>One round's writes against what the database holds.</summary>
    public sealed record Outcome(int Sent, int Acknowledged, int Found, int Missing, int ExtraUnacknowledged, int Doubles,
        IReadOnlyList<string> MissingTexts)
    {
        public override string ToString() =>
            $"sent {Sent,5}  acknowledged {Acknowledged,5}  found {Found,5}  missing {Missing,3}  present-unacknowledged {ExtraUnacknowledged,3}  doubles {Doubles}";
    }

    /// <summary>
    /// Which of <paramref name="writes"/> are in the database: a comment by its text, an order by its title (texts are unique
    /// to the round, so a text found twice is a double).
    /// </summary>
    public static async Task<Outcome> CheckAsync(IDbContextFactory<LiveOrdersDbContext> dbFactory, string round, IReadOnlyList<Write> writes)
    {
        var prefix = TextOf(round, 0)[..^1];
        await using var db = await dbFactory.CreateDbContextAsync();
        var present = await db.OrderComments.Where(c => c.Text.StartsWith(prefix)).Select(c => c.Text)
            .Concat(db.Orders.Where(o => o.Title.StartsWith(prefix)).Select(o => o.Title)).ToListAsync();
        var counts = present.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var missing = writes.Where(w => w.Acknowledged && !counts.ContainsKey(w.Text)).Select(w => w.Text).ToList();
        var acknowledged = writes.Count(w => w.Acknowledged);
        return new Outcome(writes.Count, acknowledged, writes.Count(w => w.Acknowledged && counts.ContainsKey(w.Text)), missing.Count,
            writes.Count(w => !w.Acknowledged && counts.ContainsKey(w.Text)), counts.Values.Count(c => c > 1), missing);
    }
}
