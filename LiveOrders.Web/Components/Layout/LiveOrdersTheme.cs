using MudBlazor;

namespace LiveOrders.Web.Components.Layout;

/// <summary>
/// The one place the look is defined: the office theme for desks and phones, and the wall's dark,
/// high-contrast theme, readable from across a room.
/// </summary>
public static class LiveOrdersTheme
{
    private static readonly string[] Fonts = ["Roboto", "\"Segoe UI\"", "\"Noto Sans\"", "Arial", "sans-serif"];

    public static readonly MudTheme Office = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fae",
            Secondary = "#00695c",
            Tertiary = "#6a1b9a",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
            AppbarBackground = "#1f5fae",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1c2430",
            TextSecondary = "#5f6b7a",
            LinesDefault = "#dde3ea",
        },
        Typography = Typography(),
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "250px" },
    };

    /// <summary>Dark with high contrast: white on near-black, saturated signal colours.</summary>
    public static readonly MudTheme Wall = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            Info = "#64b5f6",
            Success = "#69f0ae",
            Warning = "#ffd740",
            Error = "#ff5252",
            Black = "#000000",
            Background = "#05080d",
            Surface = "#0f1620",
            AppbarBackground = "#05080d",
            TextPrimary = "#ffffff",
            TextSecondary = "#c9d4e3",
            LinesDefault = "#2c3a4d",
        },
        Typography = Typography(),
    };

    private static Typography Typography() => new()
    {
        Default = new DefaultTypography { FontFamily = Fonts },
        // Buttons read as words, not as shouting.
        Button = new ButtonTypography { FontFamily = Fonts, TextTransform = "none", FontWeight = "600" },
    };
}
