namespace HotlineDispatch.Channels.WeChat;

/// <summary>The <c>errcode</c> values of Tencent's APIs (WeChat and WeCom share them) that this dispatcher reacts to.</summary>
public static class WeChatApiError
{
    public const string SystemBusy = "-1";
    public const string InvalidCredential = "40001";
    public const string InvalidAccessToken = "40014";
    public const string AccessTokenExpired = "42001";
    public const string FrequencyLimit = "45009";

    public static bool IsTokenRefused(string? code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    public static bool IsTransient(string? code) => code is SystemBusy or FrequencyLimit;
}
