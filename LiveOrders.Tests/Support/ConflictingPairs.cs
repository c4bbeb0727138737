using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Support;

/// <summary>
/// Pairs of conflicting changes on the same order version, through the real use case: in each pair the author corrects
/// the order twice (title «Пара N: А» and «Пара N: Б») as she last saw it, both tasks released together; the next pair
/// starts from the version the winner made. Plain code, no xunit: the test runs a few hundred pairs, and
/// <c>bench/lost-updates</c> links this file and runs 10 000 (issue 11).
/// </summary>
public static class ConflictingPairs
{
    /// <summary>One pair: what each side got, and the version the winner made (null: no winner).</summary>
    public sealed record Pair(int Number, int ExpectedVersion, Failure A, Failure B, int? NewVersion)
    {
        public char? Winner => (A, B) switch { (Failure.None, Failure.Conflict) => 'А', (Failure.Conflict, Failure.None) => 'Б', _ => null };
    }

    public static string TitleOf(int pair, char side) => $"Пара {pair}: {side}";

    public static async Task<IReadOnlyList<Pair>> RunAsync(OrderService orders, Actor author, int orderId, int startVersion, int pairs,
        IProgress<int>? progress = null)
    {
        var result = new List<Pair>(pairs);
        var version = startVersion;
        for (var i = 1; i <= pairs; i++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = version;
            Task<Result<int>> Side(char side) => Task.Run(async () =>
            {
                await gate.Task;
                return await orders.CorrectAsync(author, orderId, expected, TitleOf(i, side), "Текст", Priority.Normal);
            });
            var a = Side('А');
            var b = Side('Б');
            gate.SetResult();
            var (ra, rb) = (await a, await b);
            var won = ra.Ok ? ra : rb.Ok ? rb : null;
            var pair = new Pair(i, expected, ra.Failure, rb.Failure, won?.Value);
            result.Add(pair);
            // Without a single winner the next pair has no version to expect: stop, and let the check report it.
            if (pair.Winner is null) break;
            version = pair.NewVersion!.Value;
            if (i % 500 == 0) progress?.Report(i);
        }
        return result;
    }

    /// <summary>The order's history after <paramref name="afterEventId"/>, oldest first: kind and reason.</summary>
    public static async Task<IReadOnlyList<(OrderEventKind Kind, string? Reason)>> HistoryAsync(IDbContextFactory<LiveOrdersDbContext> dbFactory,
        int orderId, long afterEventId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.OrderEvents.Where(e => e.OrderId == orderId && e.Id > afterEventId).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.Reason }).ToListAsync()).Select(e => (e.Kind, e.Reason)).ToList();
    }

    /// <summary>
    /// What is wrong with the outcome, or nothing: every pair exactly one winner and one conflict, each winner's version one
    /// above the version it expected, the order's version advanced by the number of winners, and the history after the start
    /// exactly the winners' corrections, in order, none missing, none twice.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Pair> pairs, int startVersion, int finalVersion,
        IReadOnlyList<(OrderEventKind Kind, string? Reason)> history)
    {
        var problems = new List<string>();
        foreach (var p in pairs)
        {
            if (p.Winner is null) problems.Add($"pair {p.Number}: А got {p.A}, Б got {p.B}");
            else if (p.NewVersion != p.ExpectedVersion + 1) problems.Add($"pair {p.Number}: expected {p.ExpectedVersion}, winner made {p.NewVersion}");
        }
        var winners = pairs.Count(p => p.Winner is not null);
        if (finalVersion != startVersion + winners)
            problems.Add($"version {finalVersion}, expected {startVersion} + {winners} winners");
        if (history.Count != winners) problems.Add($"{history.Count} events after the start for {winners} winners");
        var won = pairs.Where(p => p.Winner is not null).ToList();
        for (var i = 0; i < Math.Min(history.Count, won.Count); i++)
        {
            var (kind, reason) = history[i];
            var title = TitleOf(won[i].Number, won[i].Winner!.Value);
            // The event's reason describes the change «Название: «old» → «new»»: the new title ends it.
            // and the old one is the previous winner's: no loser's title ever came between.
            var before = i == 0 ? null : $"Название: «{TitleOf(won[i - 1].Number, won[i - 1].Winner!.Value)}»";
            if (kind != OrderEventKind.Corrected || reason is null || !reason.EndsWith($"«{title}»", StringComparison.Ordinal)
                || (before is not null && !reason.StartsWith(before, StringComparison.Ordinal)))
            {
                problems.Add($"event {i + 1}: {kind} «{reason}», expected the correction to «{title}»");
                if (problems.Count > 20) break;
            }
        }
        return problems;
    }
}
