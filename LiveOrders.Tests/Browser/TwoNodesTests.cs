using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// Two nodes behind nginx (deploy/nginx/liveorders.conf.template), over one SQLite file for now: stickiness, WebSockets
/// through the proxy, a sign-in valid on both nodes, and failover after <c>kill -9</c> of the node holding the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodesTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Signs in through the proxy; <paramref name="node"/> sets the proxy's cookie first, as if nginx had chosen it.</summary>
    private Task<IPage> SignInThroughAsync(TwoNodes nodes, string userName, string? node = null) =>
        ProxyVisitor.SignInAsync(browser, nodes, userName, node, height: 900);

    [Fact]
    public async Task ABoardOpenedThroughTheProxy_KeepsItsCircuitOnOneNode_AndStaysLive()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var board = await SignInThroughAsync(nodes, "zkh.1");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var node = await ProxyVisitor.NodeAsync(board);
        Assert.Contains(node, new[] { "a", "b" });

        // Live: an order for ЖКХ made on the board's node appears on the open board without a reload.
        var author = await ProxyVisitor.ApiClientAsync(nodes, "arch.head", node);
        var id = await ProxyVisitor.CreateHousingOrderAsync(author, $"Через прокси {Guid.NewGuid().ToString()[..6]}");
        await Expect(board.GetByTestId("column-New").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync();
        await board.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "liveorders-two-nodes-board.png") });

        // Every request of the circuit (negotiate, the WebSocket) went to the node the cookie names, and nowhere else.
        var expected = $"upstream=127.0.0.1:{nodes.Node(node).Port}";
        var circuit = nodes.AccessLog().Where(l => l.Contains("/_blazor") && l.Contains($"node={node}")).ToList();
        Assert.Contains(circuit, l => l.Contains("GET /_blazor?id=") && l.Contains("\" 101 "));
        Assert.All(circuit, l => Assert.Contains(expected, l));
        await board.Context.CloseAsync();
    }

    [Fact]
    public async Task ASignInMadeOnOneNode_IsAcceptedByTheOther()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var jar = new CookieContainer();
        await ProxyVisitor.ApiClientAsync(nodes, "zkh.1", "a", jar);

        // Straight to node B with the cookie node A issued: the data-protection keys are in the shared database.
        using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(nodes.B.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/board");
        request.Headers.Add("Cookie", jar.GetCookieHeader(new Uri(nodes.BaseUrl)));
        var response = await direct.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"upstream=127.0.0.1:{nodes.A.Port}", nodes.AccessLog().Single(l => l.Contains("POST /account/login")));
    }

    [Fact]
    public async Task AnAddressAClientForgesInXForwardedFor_NeverReachesTheAuditThroughTheProxy()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var forger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(nodes.BaseUrl) };
        forger.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.99");
        await LiveOrdersApp.PostLoginAsync(forger, "forged.name", "x");

        // nginx replaces the header with the address it saw; the nodes believe nginx (KnownProxies) and no one else.
        var control = await ProxyVisitor.ApiClientAsync(nodes, "ctrl.1");
        var csv = await control.GetStringAsync("/audit/export?format=csv&kind=FailedSignIns&from=2000-01-01");
        var line = Assert.Single(csv.Split('\n'), l => l.Contains("forged.name"));
        Assert.Contains("127.0.0.1", line);
        Assert.DoesNotContain("192.0.2.99", csv);
    }

    [Fact]
    public async Task WhenTheNodeHoldingTheBoardIsKilled_TheBoardComesBackThroughTheOtherWithinTenSeconds_ShowingCurrentState()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var board = await SignInThroughAsync(nodes, "zkh.1");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var held = await ProxyVisitor.NodeAsync(board);
        var other = held == "a" ? "b" : "a";
        // Marks this page: a reload (the new node knows nothing of the old circuit) starts a new one without the mark.
        await board.EvaluateAsync("() => window.__beforeFailover = true");

        var clock = Stopwatch.StartNew();
        await nodes.KillNodeAsync(held);
        // A change while the board is cut off, through the proxy (the only node left answers it).
        var author = await ProxyVisitor.ApiClientAsync(nodes, "arch.head");
        var id = await ProxyVisitor.CreateHousingOrderAsync(author, $"Во время отказа {Guid.NewGuid().ToString()[..6]}");

        // The bound: back by itself, interactive and current, within 10 s of the kill.
        await board.WaitForFunctionAsync(
            "() => window.__beforeFailover === undefined && document.querySelector('.lo-body[data-interactive]') !== null",
            null, new() { Timeout = 10_000, PollingInterval = 100 });
        await Expect(board.GetByTestId("column-New").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Math.Max(1, 10_000 - (int)clock.ElapsedMilliseconds) });
        output.WriteLine($"Board back on node {other} {clock.ElapsedMilliseconds} ms after kill -9 of node {held}");
        await board.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "liveorders-two-nodes-failover.png") });

        // The proxy moved the visitor to the survivor and keeps them there.
        Assert.Equal(other, await ProxyVisitor.NodeAsync(board));
        await board.Context.CloseAsync();
    }

    [Fact]
    public async Task WhenNodeAIsKilled_OnlyItsBoardsReload_AndBothBoardsAreLiveOnNodeB()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await SignInThroughAsync(nodes, "zkh.1", "a");
        var onB = await SignInThroughAsync(nodes, "zkh.head", "b");
        foreach (var board in new[] { onA, onB })
        {
            await board.GotoAsync("/board");
            await BrowserFixture.WaitInteractiveAsync(board);
            await board.EvaluateAsync("() => window.__beforeFailover = true");
        }

        await nodes.KillNodeAAsync();

        await onA.WaitForFunctionAsync(
            "() => window.__beforeFailover === undefined && document.querySelector('.lo-body[data-interactive]') !== null",
            null, new() { Timeout = 10_000, PollingInterval = 100 });
        // A change on B reaches both boards: the one that moved and the one that never left.
        var author = await ProxyVisitor.ApiClientAsync(nodes, "arch.head", "b");
        var id = await ProxyVisitor.CreateHousingOrderAsync(author, $"После отказа A {Guid.NewGuid().ToString()[..6]}");
        foreach (var board in new[] { onA, onB })
            await Expect(board.GetByTestId("column-New").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync();
        Assert.True(await onB.EvaluateAsync<bool>("() => window.__beforeFailover === true"), "The board on node B reloaded, though its node lived.");
        Assert.Equal("b", await ProxyVisitor.NodeAsync(onA));
        await onA.Context.CloseAsync();
        await onB.Context.CloseAsync();
    }
}
