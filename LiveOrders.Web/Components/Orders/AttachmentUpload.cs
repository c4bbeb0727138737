using LiveOrders.Core;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// Sends the files a person picked to <see cref="AttachmentService"/>, one by one, each checked by name and size before
/// a byte leaves the browser (a 200 MB file is refused at once, not after a long wait). Returns what went wrong, per file,
/// in Russian; every file that is not refused is saved whole or not at all.
/// </summary>
public static class AttachmentUpload
{
    /// <summary>For MudFileUpload's list of picked files: the owner shows them itself (or, once sent, in the list of files).</summary>
    public static readonly RenderFragment<IReadOnlyList<IBrowserFile>?> NoSelection = _ => _ => { };

    public static async Task<IReadOnlyList<string>> SendAsync(AttachmentService attachments, Actor actor, int orderId,
        IEnumerable<IBrowserFile> files, AttachmentLink? link = null)
    {
        var errors = new List<string>();
        foreach (var file in files)
        {
            if (attachments.Precheck(file.Name, file.Size) is { } refusal)
            {
                errors.Add(refusal);
                continue;
            }
            Result<AttachmentItem> result;
            try
            {
                // The browser's stream stops at the limit too, whatever size the browser claimed.
                await using var stream = file.OpenReadStream(attachments.MaxBytes);
                result = await attachments.UploadAsync(actor, orderId, file.Name, file.Size, stream, link);
            }
            catch (IOException)
            {
                result = Result<AttachmentItem>.From(Result.Invalid(AttachmentService.InterruptedMessage));
            }
            if (!result.Ok) errors.Add($"«{file.Name}»: {result.Message}");
        }
        return errors;
    }
}
