using HotlineDispatch.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>The whole program with the channels configured and a <see cref="RecordingOutbox"/> in place of the real outbox.</summary>
public abstract class ChannelsApiFactory(string storageKind, params (string Key, string Value)[] settings)
    : HotlineApiFactory(storageKind, settings)
{
    public const string WeChatToken = "hotline-wechat-token-for-tests";
    public const string BridgeSecret = "bridge-secret-for-tests-0001";

    /// <summary>Tencent's published sample account (docs/channels.md), so its test vector can be posted as it is.</summary>
    public const string SampleToken = "spamtest";
    public const string SampleAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string SampleAppId = "wx2c2769f8efd9abc2";

    public RecordingOutbox Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IOutbox>(Outbox));
    }
}

/// <summary>Plain-mode WeChat and the group bridge.</summary>
public sealed class SqliteChannelsApiFactory() : ChannelsApiFactory(TestStorage.Sqlite,
    ("Hotline:WeChat:Token", WeChatToken), ("Hotline:Groups:BridgeSecret", BridgeSecret));

public sealed class PostgresChannelsApiFactory() : ChannelsApiFactory(TestStorage.Postgres,
    ("Hotline:WeChat:Token", WeChatToken), ("Hotline:Groups:BridgeSecret", BridgeSecret));

/// <summary>Safe-mode WeChat with Tencent's sample account.</summary>
public sealed class SafeModeApiFactory() : ChannelsApiFactory(TestStorage.Sqlite,
    ("Hotline:WeChat:Token", SampleToken), ("Hotline:WeChat:EncodingAESKey", SampleAesKey), ("Hotline:WeChat:AppId", SampleAppId));

/// <summary>Plain-mode WeChat whose reply budget is zero: every answer is late and goes through the outbox.</summary>
public sealed class LateReplyApiFactory() : ChannelsApiFactory(TestStorage.Sqlite,
    ("Hotline:WeChat:Token", WeChatToken), ("Hotline:WeChat:ReplyBudget", "00:00:00"));

[CollectionDefinition(Name)]
public sealed class SqliteChannels : ICollectionFixture<SqliteChannelsApiFactory>
{
    public const string Name = "channels-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresChannels : ICollectionFixture<PostgresChannelsApiFactory>
{
    public const string Name = "channels-postgres";
}
