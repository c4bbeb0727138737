using System.Collections.Concurrent;
using System.Net;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 for webhook tests (HttpListener). It can be stopped and started again on the same
/// port (the receiver is down: connections are refused), answer 503 (or another failure status), or hang without answering (until released, then it answers 503).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    public enum Behaviour { Ok, Unavailable, Hang }

    public sealed record Received(string Body, string? Signature, string? DeliveryId);

    public int Port { get; } = Ports.Free();
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public Behaviour Mode { get; set; } = Behaviour.Ok;
    /// <summary>What <see cref="Behaviour.Unavailable"/> answers: 503 unless a test wants a 4xx.</summary>
    public int FailureStatus { get; set; } = 503;
    /// <summary>Bodies answered with <see cref="FailureStatus"/> whatever the mode (a receiver that rejects one order's events).</summary>
    public Func<string, bool>? Refuses { get; set; }
    /// <summary>Every request that got a 2xx, in the order they came.</summary>
    public ConcurrentQueue<Received> Accepted { get; } = new();
    /// <summary>Every request, whatever it was answered.</summary>
    public int Requests => _requests;
    /// <summary>Set when a request arrives while hanging.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpListener? _listener;
    private int _requests;

    public WebhookReceiver Start()
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _listener = listener;
        _ = Task.Run(() => LoopAsync(listener));
        return this;
    }

    public void Stop()
    {
        _listener?.Close();
        _listener = null;
    }

    private async Task LoopAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        try
        {
            if (Refuses?.Invoke(body) == true)
            {
                context.Response.StatusCode = FailureStatus;
                context.Response.Close();
                return;
            }
            switch (Mode)
            {
                case Behaviour.Hang:
                    Hanging.TrySetResult();
                    await _release.Task;
                    context.Response.StatusCode = 503;
                    break;
                case Behaviour.Unavailable:
                    context.Response.StatusCode = FailureStatus;
                    break;
                default:
                    Accepted.Enqueue(new Received(body, context.Request.Headers["X-LiveOrders-Signature"], context.Request.Headers["X-LiveOrders-Delivery"]));
                    context.Response.StatusCode = 204;
                    break;
            }
            context.Response.Close();
        }
        catch (Exception) { /* the sender went away */ }
    }

    /// <summary>Hanging requests are answered (503) while the receiver still listens.</summary>
    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        _release.TrySetResult();
        Stop();
    }
}
