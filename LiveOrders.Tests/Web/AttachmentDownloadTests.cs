using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>The download endpoint of the order page and the API's: who gets a file, and the headers that make opening it safe.</summary>
public sealed class AttachmentDownloadTests(AttachmentDownloadTests.World world) : IClassFixture<AttachmentDownloadTests.World>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task APdf_IsSentInlineForThePreview_WithItsNameOnlyInFilenameStar_AndFramableOnlyByThisSite()
    {
        var (orderId, file) = await world.OrderWithFileAsync("Акт №5 \"итог\"; сдан.pdf", Pdf);
        var client = await world.App.SignedInAsync("zkh.1");

        var response = await client.GetAsync($"/orders/{orderId}/attachments/{file.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("Акт №5 _итог_; сдан.pdf", disposition.FileNameStar);
        var raw = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.True(raw.All(char.IsAscii), raw);
        Assert.Contains("filename*=UTF-8''", raw);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task ATextFile_OrAnyFileAskedToDownload_IsSentAsAnAttachment_AndNeverFramed()
    {
        var (orderId, text) = await world.OrderWithFileAsync("заметка.txt", "<script>alert(1)</script>"u8.ToArray());
        var pdf = await world.AttachAsync(orderId, "акт.pdf", Pdf);
        var client = await world.App.SignedInAsync("zkh.1");

        var textResponse = await client.GetAsync($"/orders/{orderId}/attachments/{text.Id}");
        var pdfDownload = await client.GetAsync($"/orders/{orderId}/attachments/{pdf.Id}?download=1");

        Assert.Equal("attachment", textResponse.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("text/plain", textResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", textResponse.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", textResponse.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("attachment", pdfDownload.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("акт.pdf", pdfDownload.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Theory]
    [InlineData("fin.head")]   // another department: does not see the order
    [InlineData("fin.1")]
    public async Task SomeoneWhoMayNotSeeTheOrder_Gets404_AndNotTheFile(string login)
    {
        var (orderId, file) = await world.OrderWithFileAsync("Секретный акт.pdf", Pdf);
        var client = await world.App.SignedInAsync(login);

        var page = await client.GetAsync($"/orders/{orderId}/attachments/{file.Id}");
        var api = await client.GetAsync($"/api/v1/orders/{orderId}/attachments/{file.Id}");
        var list = await client.GetAsync($"/api/v1/orders/{orderId}/attachments");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        foreach (var response in new[] { page, api, list })
            Assert.DoesNotContain("Секретный", await response.Content.ReadAsStringAsync());
        Assert.Null(page.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task AFileUnderAnotherOrder_ARemovedFile_AndAnAnonymousCaller_GetNothing()
    {
        var (orderId, file) = await world.OrderWithFileAsync("акт.pdf", Pdf);
        var (otherOrder, _) = await world.OrderWithFileAsync("другой.pdf", Pdf);
        var client = await world.App.SignedInAsync("zkh.1");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/orders/{otherOrder}/attachments/{file.Id}")).StatusCode);
        var anonymous = await world.App.Anonymous().GetAsync($"/orders/{orderId}/attachments/{file.Id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.AbsolutePathOrSelf());

        var removed = await world.Attachments.RemoveAsync(await world.App.ActorAsync("law.head"), orderId, file.Id);
        Assert.True(removed.Ok, removed.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/orders/{orderId}/attachments/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task TheApi_ListsTheFiles_AndSendsEachAsADownload()
    {
        var (orderId, file) = await world.OrderWithFileAsync("Фото.pdf", Pdf);
        var client = await world.App.SignedInAsync("zkh.1");

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}/attachments", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var download = await client.GetAsync($"/api/v1/orders/{orderId}/attachments/{file.Id}");

        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal(("Фото.pdf", Pdf.Length), (item.GetProperty("fileName").GetString(), item.GetProperty("size").GetInt32()));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    public sealed class World : IDisposable
    {
        public LiveOrdersApp App { get; } = new();
        public AttachmentService Attachments => App.Services.GetRequiredService<AttachmentService>();

        /// <summary>A new order from the legal department's head to ЖКХ, with one file of his.</summary>
        public async Task<(int OrderId, AttachmentItem File)> OrderWithFileAsync(string name, byte[] content)
        {
            var queries = App.Services.GetRequiredService<OrderQueries>();
            var housing = (await queries.DepartmentsAsync()).Single(d => d.ShortName == "ЖКХ").Id;
            var created = await App.Services.GetRequiredService<OrderService>().CreateAsync(await App.ActorAsync("law.head"),
                new NewOrder($"Файлы {Guid.NewGuid():N}", null, [housing], Priority.Normal, DateTime.UtcNow.AddDays(3)));
            Assert.True(created.Ok, created.Message);
            var orderId = created.Value![0].Id;
            return (orderId, await AttachAsync(orderId, name, content));
        }

        public async Task<AttachmentItem> AttachAsync(int orderId, string name, byte[] content)
        {
            var result = await Attachments.UploadAsync(await App.ActorAsync("law.head"), orderId, name, content.Length, new MemoryStream(content));
            Assert.True(result.Ok, result.Message);
            return result.Value!;
        }

        public void Dispose() => App.Dispose();
    }
}
