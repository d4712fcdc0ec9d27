import { describe, expect, it } from 'vitest';
import { PUBLIC_EVM_KEYS, PUBLIC_MNEMONICS, PUBLIC_SECP256K1_KEYS, BIP39_VECTOR_ENTROPIES } from '../../../src/detect/validators/public-test-values.js';
import { entropyToMnemonic, checkMnemonicChecksum } from '../../../src/detect/validators/util/bip39-words.js';
import { derivePath, hex64, mnemonicToSeed } from '../../helpers/crypto/bip32.js';
import { BIP32_VECTORS } from '../../helpers/crypto/vectors.js';

describe('public test keys are what they claim to be (re-derived)', () => {
  it('Hardhat/Anvil #0..#9 and Ganache #0..#9 from their public mnemonics', () => {
    const derived: string[] = [];
    for (const m of [PUBLIC_MNEMONICS[0]!, PUBLIC_MNEMONICS[1]!]) {
      const seed = mnemonicToSeed(m);
      for (let i = 0; i < 10; i++) derived.push(hex64(derivePath(seed, `m/44'/60'/0'/0/${i}`).key));
    }
    expect(derived).toEqual(PUBLIC_EVM_KEYS);
    expect(derived[0]).toBe('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
  });
  it('BIP-32 vector chains, BIP-39 vector masters and public-mnemonic masters', () => {
    const want: string[] = [];
    for (const v of BIP32_VECTORS) for (const c of v.chain) want.push(hex64(derivePath(Buffer.from(v.seed, 'hex'), c.path).key));
    const ents = ['00', '7f', '80', 'ff'].flatMap((b) => [16, 24, 32].map((n) => b.repeat(n))).concat(BIP39_VECTOR_ENTROPIES);
    for (const e of ents) want.push(hex64(derivePath(mnemonicToSeed(entropyToMnemonic(Buffer.from(e, 'hex')).join(' '), 'TREZOR'), 'm').key));
    for (const m of PUBLIC_MNEMONICS) want.push(hex64(derivePath(mnemonicToSeed(m), 'm').key));
    want.push('0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d');
    expect([...PUBLIC_SECP256K1_KEYS]).toEqual(want);
  });
  it('public mnemonics: which ones have a valid checksum (all must be refused by the bip39 validator anyway)', () => {
    const valid = PUBLIC_MNEMONICS.filter((m) => checkMnemonicChecksum(m).ok);
    expect(valid).toContain('test test test test test test test test test test test junk');
    expect(valid).toContain('myth like bonus scare over problem client lizard pioneer submit female collect');
  });
});
