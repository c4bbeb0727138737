using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (the .NET SignalR client
/// package is not in the feed): negotiate, handshake, then read the invocations the hub sends.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly StringBuilder _pending = new();

    private HubTestClient(WebSocket socket) => _socket = socket;

    public static async Task<HubTestClient> ConnectAsync(WebApplicationFactory<Program> app, string cookie, string path = "/hubs/orders",
        string? origin = null, string? apiKey = null)
    {
        var response = await NegotiateAsync(app, cookie, path, origin, apiKey);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        var ws = app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            if (cookie.Length > 0) r.Headers["Cookie"] = cookie;
            if (origin is not null) r.Headers["Origin"] = origin;
            if (apiKey is not null) r.Headers["X-Api-Key"] = apiKey;
        };
        var socket = await ws.ConnectAsync(new Uri(app.Server.BaseAddress, $"{path}?id={token}".Replace("http", "ws")), CancellationToken.None);
        var client = new HubTestClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (handshake.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
        // Every test starts once the hub has subscribed the connection, so no change can slip in before it.
        while (!(await client.ReceiveAsync(TimeSpan.FromSeconds(10)) is var message
                 && message.TryGetProperty("target", out var target) && target.GetString() == LiveOrders.Web.Live.OrdersHub.Subscribed)) { }
        return client;
    }

    /// <summary>The hub's negotiation, as a browser page at <paramref name="origin"/> would start it.</summary>
    public static async Task<HttpResponseMessage> NegotiateAsync(WebApplicationFactory<Program> app, string cookie, string path = "/hubs/orders",
        string? origin = null, string? apiKey = null)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1");
        if (cookie.Length > 0) negotiate.Headers.Add("Cookie", cookie);
        if (apiKey is not null) negotiate.Headers.Add("X-Api-Key", apiKey);
        if (origin is not null) negotiate.Headers.Add("Origin", origin);
        return await http.SendAsync(negotiate);
    }

    /// <summary>The next "orderChanged" the hub sends, or null if none comes within <paramref name="timeout"/>.</summary>
    public async Task<JsonElement?> NextOrderChangedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            JsonElement message;
            try { message = await ReceiveAsync(deadline - DateTime.UtcNow); }
            catch (OperationCanceledException) { return null; }
            if (message.TryGetProperty("type", out var type) && type.GetInt32() == 1 && message.GetProperty("target").GetString() == "orderChanged")
                return message.GetProperty("arguments")[0];
        }
        return null;
    }

    /// <summary>Reads until the server closes the connection; false if it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        try
        {
            while (true) await ReceiveAsync(timeout);
        }
        catch (InvalidOperationException) { return true; }       // close frame
        catch (WebSocketException) { return true; }               // aborted
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Invokes a hub method and returns the server's completion message.</summary>
    public async Task<JsonElement> InvokeAsync(string target, TimeSpan timeout)
    {
        await SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"{target}\",\"arguments\":[]}}");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message.TryGetProperty("type", out var type) && type.GetInt32() == 3) return message;
        }
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<JsonElement> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonDocument.Parse(text[..end]).RootElement.Clone();
            }
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The hub closed the connection.");
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        _socket.Dispose();
    }
}
