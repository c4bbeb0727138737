using System.Globalization;
using System.Text;

namespace LiveOrders.Core.Attachments;

/// <summary>
/// A file's name as people will see it and download it. It is never used as a path (the store names files by their
/// hash), but it goes into headers and pages, so: a directory prefix a browser may send (<c>C:\fakepath\акт.pdf</c>) is
/// dropped; a name that tries to climb (<c>../</c>) or carries control or direction-override characters is refused;
/// characters no file system accepts become «_»; Cyrillic and every other letter stay as typed.
/// </summary>
public static class AttachmentName
{
    private static readonly char[] Unsafe = ['<', '>', ':', '"', '|', '?', '*'];

    /// <summary>The name to keep, or why the name is refused (a Russian message).</summary>
    public static (string? Name, string? Refusal) Check(string? raw)
    {
        var name = (raw ?? "").Normalize(NormalizationForm.FormC);
        if (name.Any(IsHidden))
            return (null, "Имя файла содержит управляющие или невидимые символы. Переименуйте файл и загрузите его снова.");
        var segments = name.Split('/', '\\');
        if (segments.Any(s => s.Trim() == ".."))
            return (null, "Имя файла содержит переход в другую папку («../»). Переименуйте файл и загрузите его снова.");
        name = segments[^1].Trim().TrimEnd('.', ' ');
        foreach (var c in Unsafe) name = name.Replace(c, '_');
        if (name.Length == 0 || name.All(c => c == '.'))
            return (null, "У файла нет имени.");
        if (name.Length > Attachment.NameMaxLength)
        {
            // Shortened in the middle: the extension decides how the file is checked and opened.
            var extension = Path.GetExtension(name);
            if (extension.Length > 16) extension = "";
            name = name[..(Attachment.NameMaxLength - extension.Length)] + extension;
        }
        return (name, null);
    }

    /// <summary>The extension, lower case, without the dot ("" when there is none).</summary>
    public static string ExtensionOf(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    private static bool IsHidden(char c) => char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
