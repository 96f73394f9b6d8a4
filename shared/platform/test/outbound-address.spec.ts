import { isPermittedAddress, outboundAddressConfigSchema, permittedAddresses } from '../src';

const allowed = (list: string) => outboundAddressConfigSchema.parse({ WEBHOOK_ALLOWED_NETWORKS: list }).WEBHOOK_ALLOWED_NETWORKS;

describe('outgoing request addresses (webhooks)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '2001:db8::1',
  ])('refuses %s, which is not a public address', (address) => {
    expect(isPermittedAddress(address, [])).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.215.14'])('permits the public address %s', (address) => {
    expect(isPermittedAddress(address, [])).toBe(true);
  });

  it('permits a private address only inside a network the operator allowed', () => {
    const networks = allowed('10.20.0.0/16, fd00::/8');
    expect(isPermittedAddress('10.20.3.4', networks)).toBe(true);
    expect(isPermittedAddress('fd00::5', networks)).toBe(true);
    expect(isPermittedAddress('10.21.0.1', networks)).toBe(false);
    expect(isPermittedAddress('127.0.0.1', networks)).toBe(false);
  });

  it('refuses a configuration entry that is not a CIDR, saying how to write one', () => {
    const parsed = outboundAddressConfigSchema.safeParse({ WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8,intranet' });
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)).toEqual([
      '"intranet" is not a CIDR such as 10.0.0.0/8 or fd00::/8',
    ]);
  });

  it('judges a host name by every address it resolves to, and an IPv6 literal without its brackets', async () => {
    await expect(permittedAddresses('localhost', [])).rejects.toMatchObject({ code: 'webhook_address_refused' });
    await expect(permittedAddresses('[::1]', [])).rejects.toMatchObject({ code: 'webhook_address_refused' });
    await expect(permittedAddresses('127.0.0.1', allowed('127.0.0.0/8'))).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(permittedAddresses('no-such-host.invalid', [])).rejects.toMatchObject({ code: 'webhook_host_not_found' });
  });
});
