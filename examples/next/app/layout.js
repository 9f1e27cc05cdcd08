// The root layout Next.js requires; the recipe is the two route handlers under app/webhooks/.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
