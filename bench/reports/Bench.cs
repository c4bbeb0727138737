using System.Diagnostics;
using LiveOrders.Core;

namespace LiveOrders.Bench.Reports;

/// <summary>
/// Runs a measured call once to warm up, then <c>runs</c> times, and prints one line: the median, min and max time, the
/// median bytes allocated per run (<see cref="GC.GetTotalAllocatedBytes"/> deltas, all threads) and the process's peak
/// working set so far. Adding a measurement is one line: <c>await bench.Measure("name", async () => …);</c>
/// </summary>
internal sealed class Bench(int runs, TextWriter output)
{
    public sealed record Row(string Name, double MedianMs, double MinMs, double MaxMs, double MedianAllocatedMb, double PeakWorkingSetMb, string? Note);

    public List<Row> Rows { get; } = [];

    public static void Header(TextWriter output) =>
        output.WriteLine($"{"measurement",-50} {"median ms",10} {"min ms",9} {"max ms",9} {"alloc MB",9} {"peak WS MB",10}  result");

    /// <summary>Measures <paramref name="run"/>; what it returns is described in the last column (a count, a size), as a check that it did the work.</summary>
    public async Task<Row> Measure(string name, Func<Task<string?>> run)
    {
        await run();                                                     // warm-up: JIT, query compilation, SQLite's page cache
        var times = new List<double>(runs);
        var allocated = new List<double>(runs);
        string? note = null;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            note = await run();
            clock.Stop();
            allocated.Add((GC.GetTotalAllocatedBytes(true) - before) / 1048576.0);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var row = new Row(name, Median(times), times.Min(), times.Max(), Median(allocated), process.PeakWorkingSet64 / 1048576.0, note);
        Rows.Add(row);
        output.WriteLine($"{row.Name,-50} {row.MedianMs,10:F1} {row.MinMs,9:F1} {row.MaxMs,9:F1} {row.MedianAllocatedMb,9:F1} {row.PeakWorkingSetMb,10:F0}  {row.Note}");
        return row;
    }

    /// <summary>A use case: a refusal fails the run (a measured refusal would measure nothing).</summary>
    public Task<Row> Measure<T>(string name, Func<Task<Result<T>>> run) =>
        Measure(name, async () => { Ok(await run()); return "ok"; });

    /// <summary>A file writer: the size of what it wrote is the check.</summary>
    public Task<Row> Measure(string name, Func<byte[]> write) =>
        Measure(name, () => Task.FromResult<string?>($"{write().Length / 1024.0:N0} KB"));

    /// <summary>The value of a use case's result, or a failure (a measurement of a refusal would measure nothing).</summary>
    public static T Ok<T>(Result<T> result) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"{result.Failure}: {result.Message}");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
