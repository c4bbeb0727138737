using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Npgsql;
using Xunit.Abstractions;
using static LiveOrders.Tests.Support.ProxyVisitor;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// The issue's failover proof on PostgreSQL: <c>kill -9</c> of node A while two boards are open on it through nginx.
/// The boards come back by themselves on node B, current; the deadline watcher and the mail outbox, which node A held,
/// go on on node B; no letter goes out twice and no overdue event is recorded twice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodesFailoverOnPostgreSqlTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>The issue's bound for boards to come back, current, after their node died.</summary>
    private static readonly TimeSpan IssueBound = TimeSpan.FromSeconds(10);

    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString()[..6]}";

    [Fact]
    public async Task WhenNodeAIsKilled_BoardsComeBackOnBCurrent_AndTheWatcherAndTheOutboxGoOnThere_NothingTwice()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var nodes = await TwoNodes.StartOnPostgreSqlAsync(new()
        {
            ["Mail__Enabled"] = "true",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtp.Port.ToString(),
            ["Mail__Security"] = "None",
            ["Mail__BaseUrl"] = "http://liveorders.test",
        });
        await using var db = await nodes.OpenDatabaseAsync();
        try
        {
            // Node A started first and holds the jobs: killing it is what makes them move.
            await UntilAsync(async () => await HoldsAsync(nodes.A, "DeadlineWatcher") && await HoldsAsync(nodes.A, "OutboxSender"),
                TimeSpan.FromSeconds(30), "node A to hold the watcher's and the outbox's leases");

            // Before the kill: a change on A whose letters node A sends; the outbox is empty when A dies.
            using var authorOnA = await ApiClientAsync(nodes, "arch.head", "a");
            var before = await CreateHousingOrderAsync(authorOnA, Unique("До отказа: прочистить ливнёвку"));
            await UntilAsync(async () => (await LettersAsync(db, before)).Count > 0 && await UnsentAsync(db) == 0,
                TimeSpan.FromSeconds(30), "node A to send the letters so far");
            var sentBefore = (await LettersAsync(db, before)).ToList();
            foreach (var letter in sentBefore)
                Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {letter}\n", TimeSpan.FromSeconds(10)), smtp.Output);

            // Two people with the ЖКХ board open on node A.
            var boards = new[]
            {
                await OpenAsync(await SignInAsync(browser, nodes, "zkh.1", "a"), "/board"),
                await OpenAsync(await SignInAsync(browser, nodes, "zkh.head", "a"), "/board"),
            };
            foreach (var board in boards)
            {
                await Expect(Card(board, "New", before)).ToBeVisibleAsync();
                // Marks this page: the new node knows nothing of the old circuit, so coming back is a new page without the mark.
                await board.EvaluateAsync("() => window.__beforeFailover = true");
            }

            var clock = Stopwatch.StartNew();
            await nodes.KillNodeAAsync();

            // During the outage, on B (the only node left): two orders falling due a few seconds after the kill, whose
            // letters («new for the department», then «overdue») only B's outbox can send.
            using var authorOnB = await ApiClientAsync(nodes, "arch.head", "b");
            var during = await CreateHousingOrderAsync(authorOnB, Unique("Во время отказа: наледь у школы"), DateTimeOffset.UtcNow.AddSeconds(6), "Urgent");
            var later = await CreateHousingOrderAsync(authorOnB, Unique("Во время отказа: упало дерево"), DateTimeOffset.UtcNow.AddSeconds(8), "Urgent");

            // Each board comes back by itself on B and shows the change made there.
            var backAfter = new List<TimeSpan>();
            foreach (var board in boards)
            {
                await board.WaitForFunctionAsync(
                    "() => window.__beforeFailover === undefined && document.querySelector('.lo-body[data-interactive]') !== null",
                    null, new() { Timeout = 30_000, PollingInterval = 100 });
                await Expect(Card(board, "New", during)).ToBeVisibleAsync(new() { Timeout = 30_000 });
                backAfter.Add(clock.Elapsed);
                Assert.Equal("b", await NodeAsync(board));
            }
            output.WriteLine($"Boards back on node B, current, {string.Join(" and ", backAfter.Select(t => $"{t.TotalMilliseconds:F0} ms"))} after kill -9 of node A.");
            Assert.All(backAfter, t => Assert.True(t <= IssueBound, $"A board came back after {t.TotalMilliseconds:F0} ms; the issue asks for {IssueBound.TotalSeconds} s."));
            await boards[0].ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "two-nodes-pg-failover.png") });

            // The watcher goes on on B: both orders fall due after the kill and are recorded overdue, the first once even
            // though the second's record shows every watcher passed its instant.
            await UntilAsync(async () => await TwoNodesOnPostgreSqlTests.OverdueEventsAsync(db, later) > 0, TimeSpan.FromSeconds(30),
                "the watcher on node B to record the orders overdue");
            Assert.Equal(1, await TwoNodesOnPostgreSqlTests.OverdueEventsAsync(db, during));
            Assert.Equal(1, await TwoNodesOnPostgreSqlTests.OverdueEventsAsync(db, later));
            foreach (var board in boards)
                await Expect(Card(board, "New", during)).ToHaveClassAsync(new Regex("lo-overdue"));
            output.WriteLine($"Leases after the kill — node B: {await TwoNodesOnPostgreSqlTests.LeasesAsync(nodes.B)}");

            // The outbox goes on on B: the letters caused after the kill reach the SMTP server, each once; none of the
            // letters sent before the kill goes again.
            await UntilAsync(async () => (await LettersAsync(db, during)).Count > 0 && await UnsentAsync(db) == 0,
                TimeSpan.FromSeconds(30), "node B to send the letters caused after the kill");
            var sentAfter = await LettersAsync(db, during);
            foreach (var letter in sentAfter)
                Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {letter}\n", TimeSpan.FromSeconds(10)), smtp.Output);
            var received = smtp.Messages().Select(m => Regex.Match(m, @"X-LiveOrders-Outbox: (\d+)\r").Groups[1].Value).ToList();
            Assert.All(sentBefore.Concat(sentAfter), id => Assert.Single(received, r => r == id.ToString()));
            Assert.Empty(received.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key));
            output.WriteLine($"Letters: {sentBefore.Count} of the order made before the kill, {sentAfter.Count} of the one made after; " +
                             $"{received.Count} received in all, none twice.");

            foreach (var board in boards) await board.Context.CloseAsync();
        }
        catch (Exception)
        {
            output.WriteLine($"--- node A\n{nodes.A.Output}\n--- node B\n{nodes.B.Output}\n--- smtp\n{smtp.Output[^Math.Min(smtp.Output.Length, 3000)..]}");
            throw;
        }
    }

    /// <summary>The outbox letters about an order (their bodies link to it).</summary>
    private static async Task<IReadOnlyList<long>> LettersAsync(NpgsqlConnection db, int orderId)
    {
        await using var command = new NpgsqlCommand("""select "Id" from "EmailOutbox" where "Body" ~ @link order by "Id" """, db);
        command.Parameters.AddWithValue("link", $"/orders/{orderId}([^0-9]|$)");
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static async Task<long> UnsentAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""select count(*) from "EmailOutbox" where "SentAt" is null""", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whether the node's /health says it holds the job's lease.</summary>
    private static async Task<bool> HoldsAsync(AppProcess node, string job)
    {
        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync($"{node.BaseUrl}/health")).RootElement;
        return health.TryGetProperty("entries", out var entries) && entries.TryGetProperty("leases", out var leases)
            && leases.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(job, out var lease) && lease.GetProperty("held").GetBoolean();
    }

    /// <summary>Waits for a condition of the database or the nodes (checked every 100 ms); fails saying what it waited for.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new Xunit.Sdk.XunitException($"Waited {timeout.TotalSeconds} s for {what}.");
            await Task.Delay(100);
        }
    }
}
