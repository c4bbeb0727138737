using System.Collections.Concurrent;
using System.Net;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Tests.Web;

/// <summary>A request the client got wrong is answered with a 400; it is not an application failure in the log.</summary>
public sealed class BadRequestLogTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private sealed class Recorder : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();
        private string _category = "";
        public ILogger CreateLogger(string categoryName) => new Recorder { _category = categoryName, Sink = this };
        private Recorder? Sink { get; init; }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            (Sink ?? this).Entries.Enqueue((logLevel, _category, formatter(state, exception)));
        public void Dispose() { }
    }

    [Theory]
    [InlineData("/api/v1/orders?scope=everything")]
    [InlineData("/api/v1/orders?skip=много")]
    public async Task AMalformedQueryString_IsA400ProblemDetails_AndLogsNoFailure(string url)
    {
        var recorder = new Recorder();
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(recorder)));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await LiveOrdersApp.PostLoginAsync(client, "fin.1", "Demo2026!");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var answer = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(recorder.Entries, e => e.Category == "Microsoft.Hosting.Lifetime");   // the recorder hears the app
        Assert.DoesNotContain(recorder.Entries, e => e.Level >= LogLevel.Error);
    }
}
