/** More children for the SS 12000 simulator, taken verbatim from Skatteverket's published test series. */

// Preschool placements need young children, and demo/test-personnummer.ts holds only five. These come
// from the same machine-generated mirror of Skatteverket's open test data that the project list cites
// (github.com/ActiveLogin/ActiveLogin.Identity, src/ActiveLogin.Identity.Swedish.TestData/):
// - personnummer born 2019: AllPins.fs at commit 069f697813da39e2833c5e701b0c2787233fff05
//   (Skatteverket "Testpersonnummer", skatteverket.entryscape.net store 9);
// - samordningsnummer born 2022–2023 (day + 60): AllCoordNums.fs at commit
//   76f5a725b397d7a18703f886356d77c0826be0de (Skatteverket "Testsamordningsnummer", resource 154).
// They are read from the list, never generated; ss12000-data.test.ts checks each one's Luhn digit and
// that none repeats the project list.

/** YYYYMMDD-NNNC, personnummer from the 2019 part of the test series. */
export const TEST_CHILDREN_2019: readonly string[] = [
  '20190307-2385',
  '20190321-2387',
  '20190402-2389',
  '20190415-2392',
  '20190508-2382',
  '20190523-2391',
  '20190614-2391',
  '20190705-2383',
  '20190819-2394',
  '20190903-2383',
  '20191010-2399',
  '20191112-2388',
  '20191205-2394',
];

/** YYYYMMDD-NNNC with day + 60: samordningsnummer of children born 2022–2023. */
export const TEST_CHILDREN_SAMORDNING: readonly string[] = [
  '20220670-2389',
  '20220765-2393',
  '20220872-2385',
  '20220964-2384',
  '20221075-2396',
  '20221168-2386',
  '20221281-2396',
  '20230175-2396',
  '20230266-2388',
  '20230373-2396',
  '20230468-2384',
  '20230571-2396',
  '20230679-2397',
  '20230762-2387',
  '20230885-2397',
  '20230970-2385',
  '20231066-2388',
  '20231163-2398',
];
