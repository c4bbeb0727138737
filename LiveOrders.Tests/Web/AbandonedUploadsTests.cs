using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Web;

/// <summary>What a process killed in the middle of an upload left in the store's <c>tmp/</c> is swept when the app starts.</summary>
public sealed class AbandonedUploadsTests
{
    [Fact]
    public async Task OnStart_PartFilesOlderThanAnHour_AreDeleted_WhileFreshOnesAndOtherFilesStay()
    {
        await using var app = new LiveOrdersApp();
        var tmp = Directory.CreateDirectory(Path.Combine(app.AttachmentsPath, "tmp")).FullName;
        var now = DateTime.UtcNow;
        string File(string name, TimeSpan age)
        {
            var path = Path.Combine(tmp, name);
            System.IO.File.WriteAllBytes(path, [1, 2, 3]);
            System.IO.File.SetLastWriteTimeUtc(path, now - age);
            return path;
        }
        var abandoned = File("abandoned.part", TimeSpan.FromHours(3));
        var justOverAnHour = File("just-over-an-hour.part", TimeSpan.FromMinutes(61));
        // Another node sharing the storage may be writing this one right now.
        var fresh = File("fresh.part", TimeSpan.FromMinutes(5));
        var notAnUpload = File("notes.txt", TimeSpan.FromDays(2));

        _ = app.Services;   // builds and starts the host

        Assert.False(System.IO.File.Exists(abandoned));
        Assert.False(System.IO.File.Exists(justOverAnHour));
        Assert.True(System.IO.File.Exists(fresh));
        Assert.True(System.IO.File.Exists(notAnUpload));
    }
}
