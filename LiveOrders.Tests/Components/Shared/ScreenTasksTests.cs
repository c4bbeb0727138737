using LiveOrders.Web.Components.Shared;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Tests.Components.Shared;

public sealed class ScreenTasksTests
{
    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Error)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }

    [Fact]
    public async Task WorkNobodyAwaits_ThatFails_IsLoggedAndTheScreenIsTold()
    {
        var log = new RecordingLogger();
        var told = new TaskCompletionSource<Exception>();
        var tasks = new ScreenTasks(log, e => { told.SetResult(e); return Task.CompletedTask; }, CancellationToken.None);

        tasks.Run("a refresh", () => throw new InvalidOperationException("база недоступна"));

        var error = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("база недоступна", error.Message);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Error == error);
    }

    [Fact]
    public async Task WorkThatFailsBecauseTheScreenClosed_IsNeitherLoggedNorReported()
    {
        var log = new RecordingLogger();
        using var closing = new CancellationTokenSource();
        var reported = false;
        var tasks = new ScreenTasks(log, _ => { reported = true; return Task.CompletedTask; }, closing.Token);
        await closing.CancelAsync();

        await tasks.RunAsync("a refresh", () => throw new ObjectDisposedException("circuit"));

        Assert.False(reported);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task AFailureWhileTellingTheScreen_IsLogged_AndNeverThrows()
    {
        var log = new RecordingLogger();
        var tasks = new ScreenTasks(log, _ => throw new InvalidOperationException("экран закрыт"), CancellationToken.None);

        await tasks.RunAsync("a refresh", () => throw new TimeoutException());

        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Error));
    }
}
