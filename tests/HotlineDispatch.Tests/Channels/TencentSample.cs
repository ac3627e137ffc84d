namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// Tencent's published test vector for safe mode (docs/channels.md): the <c>Encrypt</c> value is the one in
/// Tencent's WXBizMsgCrypt samples (e.g. Sample.py, "测试解密接口"), and <see cref="Plaintext"/> is what it decrypts to.
/// </summary>
public static class TencentSample
{
    public const string Timestamp = "1409735669";
    public const string Nonce = "1320562132";
    public const string MsgSignature = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";

    public const string Encrypt =
        "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896w" +
        "VsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCg" +
        "avjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9eh" +
        "VsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

    /// <summary>The 16 bytes Tencent's sample put before the length: encrypting with them must give <see cref="Encrypt"/> back.</summary>
    public const string RandomPrefix = "89465c840c5f116f";

    public const string Plaintext =
        "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n" +
        "<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n" +
        "<MsgId>6054768590064713728</MsgId>\n</xml>";

    /// <summary>The POST body of the sample, as Tencent's sample feeds it to DecryptMsg.</summary>
    public static string Body => $"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[{Encrypt}]]></Encrypt></xml>";
}
