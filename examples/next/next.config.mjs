// No cardhook-specific configuration: no serverExternalPackages, no webpack rules.
export default {};
