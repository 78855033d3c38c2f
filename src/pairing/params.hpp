#pragma once

// FP256BN constants in Montgomery form, computed offline (with Python's big
// integers from u = -0x6882F5C030B0A801) and checked by the unit tests.
// Internal to the pairing layer.

#include <array>

#include "pairing/curve_impl.hpp"
#include "pairing/fp.hpp"
#include "pairing/fp2.hpp"

namespace xtt::pairing::params {

// |u| and its sign: the BN parameter.
inline constexpr std::uint64_t kUAbs = 0x6882F5C030B0A801;
inline constexpr bool kUNegative = true;

inline constexpr Fp kB = Fp::from_mont(
    {0x8684766cf3866fc7, 0xd96ace0ec837e077, 0x2b4e28e334ab1222, 0x0000000000092d98});  // 3
inline constexpr Fp kBeta =
    Fp::from_mont({0xac44103884008c2c, 0x26e76706f524db81, 0x49cc4e27b51eaff8, 0x266648723c3f9cff});
inline constexpr Fp2 kB2 = {
    Fp::from_mont({0x8684766cf3866fc7, 0xd96ace0ec837e077, 0x2b4e28e334ab1222, 0x0000000000092d98}),
    Fp::from_mont({0x8684766cf3866fc7, 0xd96ace0ec837e077, 0x2b4e28e334ab1222,
                   0x0000000000092d98})};  // 3 + 3i
inline constexpr Fp2 kG2X = {
    Fp::from_mont({0xa5f72e512a58e874, 0xd6af39fa50376ba1, 0x75472a8601715d86, 0x249126fcd8059346}),
    Fp::from_mont(
        {0xd79d352ed564775b, 0xf18307be18559499, 0x32fa3c090291ce52, 0xf136c243812c839d})};
inline constexpr Fp2 kG2Y = {
    Fp::from_mont({0x5fe22b7200bbc9c4, 0x7f701e818fe171ce, 0x39a1a6dec3e97b52, 0xa1398b3f1774bf60}),
    Fp::from_mont(
        {0x53b320fe69ac6026, 0x330f5117400e79ed, 0x0c31a9d2f9d1c1a5, 0xd83ed9be001ca75a})};
// psi(x, y) = (conj(x) * kPsiX, conj(y) * kPsiY)
inline constexpr Fp2 kPsiX = {
    Fp::from_mont({0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}),
    Fp::from_mont(
        {0xd91ae25cd52d5c19, 0x1a0b010be28cd0fe, 0x02e65bc8c6ad0b59, 0x266648723c42ac32})};
inline constexpr Fp2 kPsiY = {
    Fp::from_mont({0x744c3786563f0a40, 0xf7c7c898470939bf, 0x28082a0115be16a8, 0x6f2480ef7fbd4c4d}),
    Fp::from_mont(
        {0x5edcf655589425d3, 0x15149d62cb8ed0c3, 0x1eddc85dd8b38df6, 0x90db7f10803fa480})};
// psi^2(x, y) = (x * kPsi2X, y * kPsi2Y)
inline constexpr Fp kPsi2X =
    Fp::from_mont({0xac44103884008c2c, 0x26e76706f524db81, 0x49cc4e27b51eaff8, 0x266648723c3f9cff});
inline constexpr Fp kPsi2Y =
    Fp::from_mont({0xa6525bb75da66026, 0x19b8cbf625301505, 0x8dcbe4bddce3493e, 0xfffffffffff9e19a});
// Frobenius^1: coefficient of w^k gets multiplied by xi^(k(p^1-1)/6)
inline constexpr std::array<Fp2, 6> kFrob1 = {{
    {Fp::from_mont(
         {0x2cd6d224512ccfed, 0xf3239a04ed67f57d, 0xb91a0da1118e5b60, 0x0000000000030f32}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0x77f4336c9f5752e0, 0xe3bdb82d415ee3e9, 0x1db98d9447e2e741, 0x18511e53c29f09a5}),
     Fp::from_mont(
         {0x5b34fa6f0f7bdd33, 0x291eadcdd1392699, 0x292c64caa68ebd5d, 0xe7aee1ac3d5de728})},
    {Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}),
     Fp::from_mont(
         {0xac44103884008c2c, 0x26e76706f524db81, 0x49cc4e27b51eaff8, 0x266648723c3f9cff})},
    {Fp::from_mont(
         {0x5edcf655589425d3, 0x15149d62cb8ed0c3, 0x1eddc85dd8b38df6, 0x90db7f10803fa480}),
     Fp::from_mont(
         {0x5edcf655589425d3, 0x15149d62cb8ed0c3, 0x1eddc85dd8b38df6, 0x90db7f10803fa480})},
    {Fp::from_mont(
         {0xd91ae25cd52d5c19, 0x1a0b010be28cd0fe, 0x02e65bc8c6ad0b59, 0x266648723c42ac32}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0xd6d129c1f7eb78b3, 0xf8d255900cedb4ac, 0x3c9755f220967537, 0xa92c9d6442deae25}),
     Fp::from_mont(
         {0xfc580419b6e7b760, 0x140a106b05aa55d5, 0x0a4e9c6ccddb2f67, 0x56d3629bbd1e42a8})},
}};
// Frobenius^2: coefficient of w^k gets multiplied by xi^(k(p^2-1)/6)
inline constexpr std::array<Fp2, 6> kFrob2 = {{
    {Fp::from_mont(
         {0x2cd6d224512ccfed, 0xf3239a04ed67f57d, 0xb91a0da1118e5b60, 0x0000000000030f32}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0x26e51da32ad2a3e7, 0xe5f4fef41d732f01, 0xfd19a4373952f4a6, 0xd999b78dc3bd53cd}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0xfa0e4b7ed9a5d3fa, 0xf2d164ef300b3983, 0x43ff969627c49945, 0xd999b78dc3ba449b}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0xa6525bb75da66026, 0x19b8cbf625301505, 0x8dcbe4bddce3493e, 0xfffffffffff9e19a}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0xac44103884008c2c, 0x26e76706f524db81, 0x49cc4e27b51eaff8, 0x266648723c3f9cff}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0xd91ae25cd52d5c19, 0x1a0b010be28cd0fe, 0x02e65bc8c6ad0b59, 0x266648723c42ac32}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
}};
// Frobenius^3: coefficient of w^k gets multiplied by xi^(k(p^3-1)/6)
inline constexpr std::array<Fp2, 6> kFrob3 = {{
    {Fp::from_mont(
         {0x2cd6d224512ccfed, 0xf3239a04ed67f57d, 0xb91a0da1118e5b60, 0x0000000000030f32}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0x744c3786563f0a40, 0xf7c7c898470939bf, 0x28082a0115be16a8, 0x6f2480ef7fbd4c4d}),
     Fp::from_mont(
         {0x5edcf655589425d3, 0x15149d62cb8ed0c3, 0x1eddc85dd8b38df6, 0x90db7f10803fa480})},
    {Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}),
     Fp::from_mont(
         {0x2cd6d224512ccfed, 0xf3239a04ed67f57d, 0xb91a0da1118e5b60, 0x0000000000030f32})},
    {Fp::from_mont(
         {0x744c3786563f0a40, 0xf7c7c898470939bf, 0x28082a0115be16a8, 0x6f2480ef7fbd4c4d}),
     Fp::from_mont(
         {0x744c3786563f0a40, 0xf7c7c898470939bf, 0x28082a0115be16a8, 0x6f2480ef7fbd4c4d})},
    {Fp::from_mont(
         {0xa6525bb75da66026, 0x19b8cbf625301505, 0x8dcbe4bddce3493e, 0xfffffffffff9e19a}),
     Fp::from_mont(
         {0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000})},
    {Fp::from_mont(
         {0x5edcf655589425d3, 0x15149d62cb8ed0c3, 0x1eddc85dd8b38df6, 0x90db7f10803fa480}),
     Fp::from_mont(
         {0x744c3786563f0a40, 0xf7c7c898470939bf, 0x28082a0115be16a8, 0x6f2480ef7fbd4c4d})},
}};

// GLV (G1, lambda with phi(P) = lambda P) and GLS (G2, psi = p mod n = 6u^2)
// lattice bases and rounding constants round(2^256 * (B^-1)[0][i]).
inline constexpr std::array<std::array<detail::SignedLimbs, 2>, 2> kGlvBasis = {{
    {{{{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0x3af0036e1b054003, 0xfffffffffffe7866, 0x0000000000000000, 0x0000000000000000}, false}}},
    {{{{0x0bf5eeee7c669004, 0xfffffffffffe7867, 0x0000000000000000, 0x0000000000000000}, false},
      {{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false}}},
}};
inline constexpr std::array<detail::SignedLimbs, 2> kGlvRound = {
    {{{0xd105eb806163cf7c, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
     {{0xf40a1113da9e04d5, 0x0000000000018798, 0x0000000000000001, 0x0000000000000000}, false}}};
inline constexpr std::array<std::array<detail::SignedLimbs, 4>, 4> kGlsBasis = {{
    {{{{0x6882f5c030b0a800, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0x6882f5c030b0a801, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0x6882f5c030b0a801, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xd105eb8061615002, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false}}},
    {{{{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0x6882f5c030b0a801, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false},
      {{0x6882f5c030b0a800, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false},
      {{0x6882f5c030b0a801, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false}}},
    {{{{0xd105eb8061615002, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xd105eb8061615001, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true}}},
    {{{{0x6882f5c030b0a802, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xa20bd700c2c2a002, 0x0000000000000001, 0x0000000000000000, 0x0000000000000000}, true},
      {{0xd105eb8061615003, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, false},
      {{0x6882f5c030b0a802, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000}, true}}},
}};
inline constexpr std::array<detail::SignedLimbs, 4> kGlsRound = {
    {{{0xf87e6c1ba2617f60, 0x555555555555d7dc, 0x0000000000000000, 0x0000000000000000}, false},
     {{0xd1d70210de668ae2, 0xed76c5989d632e61, 0xd105eb8061628fbe, 0x0000000000000000}, true},
     {{0x1d2cfbe8878c3950, 0x76bb62cc4eb19731, 0x6882f5c030b147df, 0x0000000000000000}, true},
     {{0xc984579c03c54edb, 0x555555555555d7dd, 0x0000000000000000, 0x0000000000000000}, true}}};

}  // namespace xtt::pairing::params
