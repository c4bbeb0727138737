using System.Net;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// A sign-in outlives the process: the keys that protect the cookie are kept in the database, not in the process
/// or in a folder of the machine it ran on (a new container, another node, a fresh home directory).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInSurvivesRestartTests
{
    [Fact]
    public async Task ACookie_StillWorks_OnANewInstanceOverTheSameDatabase_OnAnotherMachine()
    {
        var firstHome = Directory.CreateTempSubdirectory("liveorders-home-");
        var secondHome = Directory.CreateTempSubdirectory("liveorders-home-");
        await using var app = await AppProcess.StartAsync(new() { ["HOME"] = firstHome.FullName });
        try
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
            var signedIn = await LiveOrdersApp.PostLoginAsync(client, "zkh.head", BrowserFixture.Password);
            Assert.DoesNotContain("error=", signedIn.Headers.Location?.ToString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/orders?take=1")).StatusCode);

            // The same database, but nothing else of the first process: another home directory, as on another machine.
            await app.StopAsync();
            app.Settings["HOME"] = secondHome.FullName;
            await app.StartAsync();

            var afterRestart = await client.GetAsync("/api/v1/orders?take=1");
            Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
        }
        finally
        {
            firstHome.Delete(recursive: true);
            secondHome.Delete(recursive: true);
        }
    }
}
